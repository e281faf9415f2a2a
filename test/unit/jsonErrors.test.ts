import { jsonErrorText } from '../../src/core/jsonErrors';

/** The Russian text for what JSON.parse says of `text` in this engine. */
function explain(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonErrorText(text, error);
  }
  throw new Error('expected a JSON error');
}

describe('JSON errors in Russian, with line and column', () => {
  it('a trailing comma points at the line and column of the closing brace', () => {
    expect(explain('{\n  "version": 1,\n}')).toBe(
      'Ошибка в JSON, строка 3, позиция 1: ожидалось имя поля в двойных кавычках (лишняя запятая или имя без кавычек?)',
    );
  });

  it('says the common mistakes in words, never in English', () => {
    expect(explain('{"a" 1}')).toBe('Ошибка в JSON, строка 1, позиция 6: после имени поля нужно двоеточие');
    expect(explain('{"a": 1')).toMatch(/^Ошибка в JSON, строка 1, позиция \d+: (после значения|текст оборвался)/);
    expect(explain('{"a": 1}}')).toBe('Ошибка в JSON, строка 1, позиция 9: после конца настроек есть лишний текст');
    for (const text of ['{a: 1}', '', '{"a": "x', '{"a": tru}', '[1 2]', "{'a': 1}", '{"a": 01}'])
      expect(explain(text)).toMatch(/^Ошибка в JSON(, строка \d+, позиция \d+)?: [^A-Za-z]*$/);
  });

  it('reads the line and column from engines that give them', () => {
    const error = new SyntaxError("Expected ',' or '}' after property value in JSON at position 20 (line 2 column 7)");
    expect(jsonErrorText('{\n  "a"', error)).toBe(
      'Ошибка в JSON, строка 2, позиция 7: после значения нужна запятая или закрывающая скобка «}»',
    );
  });
});
