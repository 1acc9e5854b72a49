// `npm run docs:privacy`: writes docs/privacy.md from the privacy registry (English and Spanish).
import fs from 'node:fs';
import { privacyMarkdown } from '../src/lib/server/privacy/notice';

fs.writeFileSync('docs/privacy.md', privacyMarkdown());
console.log('docs/privacy.md written from src/lib/server/privacy/registry.ts');
