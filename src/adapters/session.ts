/** Who is running: the active user's e-mail where Google tells it (it may be empty for other domains). */
export function currentUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** Whose authority the script runs with: in a trigger's run, the owner who installed it (SPEC 7). */
export function effectiveUserEmail(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}
