// CLI. Commands that keep running after their action returns (serve) say so here.
let keepAlive = false;

export function keepProcessAlive(): void {
  keepAlive = true;
}

export const isKeptAlive = (): boolean => keepAlive;
