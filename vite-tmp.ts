import { createServer } from 'vite';
const t = Date.now();
const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
const dashboard = await vite.ssrLoadModule('/src/lib/server/statistics/dashboard.ts');
const q = await vite.ssrLoadModule('/src/lib/server/quizzes/quizzes.ts');
console.log(Object.keys(dashboard), Object.keys(q.questionVersions('why-deportation-101')).length, Date.now() - t);
await vite.close();
