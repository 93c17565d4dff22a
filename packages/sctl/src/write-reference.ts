// Writes the man page and the bash completion made from sctl's command table (reference.ts)
// into dist/share, as a distribution would install them: share/man/man1/sctl.1 and
// share/bash-completion/completions/sctl. The root build runs it after compiling.
import fs from 'node:fs';
import path from 'node:path';
import { bashCompletion, manPage, packageVersion } from './reference';

const share = path.join(__dirname, 'share');
const files: Array<[string, string]> = [
  [path.join(share, 'man/man1/sctl.1'), manPage(packageVersion())],
  [path.join(share, 'bash-completion/completions/sctl'), bashCompletion()],
];
for (const [file, text] of files) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
