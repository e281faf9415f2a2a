/** Menus, the sidebar and toasts. */
export interface MenuItem {
  caption: string;
  functionName: string;
}

/**
 * As an installed add-on the menu must live under «Расширения» (createAddonMenu, named after the
 * add-on); a script bound to the sheet gets its own top-level menu «Остатки».
 */
export function buildMenu(title: string, items: MenuItem[]): void {
  const ui = SpreadsheetApp.getUi();
  let isAddOn = false;
  try {
    isAddOn = ScriptApp.getInstallationSource() !== ScriptApp.InstallationSource.NONE;
  } catch {
    // In AuthMode.NONE some services refuse; the add-on menu is the safe choice there.
    isAddOn = true;
  }
  const menu = isAddOn ? ui.createAddonMenu() : ui.createMenu(title);
  for (const item of items) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

export function openSidebar(file: string, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function toast(message: string, title: string): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 8);
}
