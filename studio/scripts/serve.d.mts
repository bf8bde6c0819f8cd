export function serveStudio(root?: string, port?: number): Promise<{ url: string; close: () => Promise<void> }>;
