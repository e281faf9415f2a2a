#!/usr/bin/env node
/**
 * `npm run clasp:setup -- <scriptId | the script editor's URL> [--force]`: writes .clasp.json, which
 * tells clasp which Apps Script project `clasp push` uploads dist/ to. The file is the seller's own
 * (it is not in git, so `git pull` never conflicts with it); .clasp.json.example shows its shape.
 * An existing file that names another script is kept unless --force: pushing into the wrong
 * spreadsheet's script would replace that script's code.
 */
const fs = require('node:fs');
const path = require('node:path');

const FILE = '.clasp.json';
// Apps Script project ids are about 57 characters of letters, digits, «_» and «-»; a spreadsheet's id is 44.
const ID = /^[A-Za-z0-9_-]{50,70}$/;
const PLACEHOLDER = 'REPLACE_WITH_YOUR_SCRIPT_ID';
const WHERE =
  'Его видно в таблице: «Расширения» → «Apps Script» → «Настройки проекта» (значок шестерёнки) → «Идентификатор скрипта».';
const USAGE = `Как запускать: npm run clasp:setup -- <идентификатор скрипта или ссылка на редактор Apps Script>\n${WHERE}`;

/** The id from what the seller pasted: the id itself, or a script.google.com address that holds it. */
function scriptIdFrom(input) {
  const text = input.trim().replace(/^["'«]+|["'»]+$/g, '');
  if (/^https?:\/\//i.test(text)) return idFromUrl(text);
  if (ID.test(text)) return { id: text };
  if (/^[A-Za-z0-9_-]{40,48}$/.test(text))
    return {
      error: `«${text}» похож на идентификатор таблицы, а нужен идентификатор скрипта (он длиннее, около 57 знаков). ${WHERE}`,
    };
  return {
    error: `«${text}» не похож на идентификатор скрипта: это около 57 латинских букв, цифр и знаков «_» и «-». ${WHERE}`,
  };
}

function idFromUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return { error: `Не получается прочитать ссылку «${text}». ${WHERE}` };
  }
  if (url.hostname === 'docs.google.com')
    return {
      error: `Это ссылка на саму таблицу, а нужна ссылка на редактор Apps Script или идентификатор скрипта. ${WHERE}`,
    };
  const match = url.hostname === 'script.google.com' && url.pathname.match(/\/(?:projects|d)\/([A-Za-z0-9_-]+)/);
  if (!match)
    return {
      error: `В ссылке «${text}» нет идентификатора скрипта: подойдёт адрес вида https://script.google.com/home/projects/<идентификатор>/edit. ${WHERE}`,
    };
  if (!ID.test(match[1]))
    return {
      error: `В ссылке найден «${match[1]}», но это не похоже на идентификатор скрипта (около 57 знаков). ${WHERE}`,
    };
  return { id: match[1] };
}

/** What .clasp.json holds now: nothing, its settings, or a file that does not read as JSON. */
function readExisting(file) {
  if (!fs.existsSync(file)) return { kind: 'none' };
  try {
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    return config && typeof config === 'object' && !Array.isArray(config)
      ? { kind: 'config', config }
      : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** Why the existing file must not be replaced without --force, or null when replacing it is safe. */
function refusal(existing, id) {
  if (existing.kind === 'unreadable')
    return `${FILE} уже есть, но не читается как JSON. Проверьте его или перезапишите: npm run clasp:setup -- ${id} --force`;
  const old = existing.kind === 'config' ? existing.config.scriptId : undefined;
  if (typeof old !== 'string' || old === '' || old === PLACEHOLDER || old === id) return null;
  return [
    `${FILE} уже указывает на другой скрипт: ${old}.`,
    'Ничего не изменено: загрузка в чужой скрипт заменила бы его код.',
    `Если нужен именно новый скрипт, повторите с --force: npm run clasp:setup -- ${id} --force`,
  ].join('\n');
}

function main(argv, dir) {
  const force = argv.includes('--force');
  const args = argv.filter((a) => a !== '--force' && a !== '--');
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    console.error(args.length > 1 ? `Нужен один идентификатор, а получено ${args.length}.\n${USAGE}` : USAGE);
    return 1;
  }
  const parsed = scriptIdFrom(args[0]);
  if (parsed.error) {
    console.error(parsed.error);
    return 1;
  }
  const file = path.join(dir, FILE);
  const existing = readExisting(file);
  const refused = force ? null : refusal(existing, parsed.id);
  if (refused) {
    console.error(refused);
    return 1;
  }
  // The same script keeps the file's other settings (clasp may add some); a new one starts clean.
  const keep = existing.kind === 'config' && existing.config.scriptId === parsed.id ? existing.config : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...keep, scriptId: parsed.id, rootDir: 'dist' }, null, 2)}\n`);
  console.log(`Готово: ${FILE} указывает на скрипт ${parsed.id} (загружается папка dist).`);
  console.log('Дальше: npm run build, затем npx clasp push.');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2), process.cwd());

module.exports = { scriptIdFrom, main };
