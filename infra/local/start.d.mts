export function ensureDependencies(): void;
export function ensureWebBuild(): void;
