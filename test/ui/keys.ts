/** Key sequences a terminal sends, named so tests read as what the user does. */
export const ENTER = '\r';
export const ESC = '\u001B';
export const DOWN = '\u001B[B';
export const UP = '\u001B[A';
export const CTRL_C = '\u0003';
export const BACKSPACE = '\u007F';
