// The version wirewatch reports (`--version`, `/news status`, `wirewatch status`).
export const VERSION = '0.1.0';
