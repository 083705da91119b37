// Vite turns a stylesheet import into a link in the built page.
declare module "*.css";
