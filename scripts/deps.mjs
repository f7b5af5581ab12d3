// Reads deps/debian-packages.txt and makes sure the packages are installed: as root with apt it
// installs the missing ones; otherwise it prints the exact command and reports what is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export function debianPackages() {
  return readFileSync(path.join(root, 'deps/debian-packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
}

function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .includes('install ok installed');
  } catch {
    return false;
  }
}

/** @returns {string[]} the packages still missing afterwards */
export function ensureDebianPackages() {
  const missing = debianPackages().filter((p) => !installed(p));
  if (missing.length === 0) return [];
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`installing test dependencies: ${missing.join(' ')}`);
    const r = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
    if (r.status === 0) return debianPackages().filter((p) => !installed(p));
  }
  console.error(`\nmissing Debian packages for the tests: ${missing.join(' ')}\ninstall them with:\n  sudo sh -c '${command}'\n`);
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(ensureDebianPackages().length === 0 ? 0 : 1);
}
