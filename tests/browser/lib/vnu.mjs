// The Nu HTML checker (vnu.jar from the vnu-jar package) on every built page, in one JVM: starting
// Java is the slow part, so all files go to a single run.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Starts the checker on `files`; resolves to problems `{ page, check, rule, element }`. */
export function validateHtml(siteDir, files) {
  let jar;
  try {
    jar = String(require('vnu-jar'));
  } catch {
    return Promise.resolve([{ page: '(all)', check: 'html', rule: 'vnu-jar is not installed', element: 'run `npm ci --prefix tests/browser`' }]);
  }
  const java = spawn('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', ...files], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  java.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((done) => {
    java.on('error', (error) =>
      done([{ page: '(all)', check: 'html', rule: `cannot start java: ${error.message}`, element: 'install a Java runtime (Debian: default-jre-headless)' }]),
    );
    java.on('close', (code) => {
      let messages;
      try {
        messages = JSON.parse(output).messages;
      } catch {
        done([{ page: '(all)', check: 'html', rule: `the HTML checker failed (exit ${code})`, element: output.slice(0, 2000) }]);
        return;
      }
      done(
        messages
          .filter((m) => m.type === 'error' || m.subType === 'fatal')
          .map((m) => ({
            page: '/' + relative(siteDir, fileURLToPath(m.url)).replaceAll('\\', '/'),
            check: 'html',
            rule: m.message,
            element: `line ${m.lastLine ?? '?'}, column ${m.firstColumn ?? '?'}: ${(m.extract ?? '').replace(/\s+/g, ' ').trim()}`,
          })),
      );
    });
  });
}
