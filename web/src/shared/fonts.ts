// Nanum Gothic (SIL OFL, the same font the PDFs use), bundled: the UI must not depend on the
// fonts of the machine it is opened on (a kiosk or a fresh CI browser has no Korean fonts).
// The CSS splits the Korean glyphs by unicode-range, so a page loads only the slices it shows.
import '@fontsource/nanum-gothic/400.css';
import '@fontsource/nanum-gothic/700.css';
