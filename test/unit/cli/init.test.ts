// `evc init`: a newcomer's first registry. What it writes lints clean, generates code that compiles
// under strict (and is usable: keyed, with typed headers), explains itself, and never replaces a file.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../generator/cli/main.js';
import { STARTER_CONTRACTS } from '../../../generator/init/starter-contracts.js';
import { typeCheck } from '../../support/compile.js';

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'evc-init-'));

/** Uses what a newcomer would use first: the producer with key and headers, the consumer's handler. */
const APP = `
import { createEventSender, createInMemoryReceiver, InMemoryBroker } from 'eventcontracts/runtime';
import { OrdersProducer, ShippingConsumer } from './generated/index.js';

const broker = new InMemoryBroker();
const orders = new OrdersProducer(createEventSender(broker.producer()));
export async function placeOrder(orderId: string): Promise<void> {
  await orders.sendOrderPlaced({
    key: orderId,
    payload: {
      type: 'OrderPlaced',
      orderId,
      customerId: '0d6c5f0e-2b7a-4b7e-9c55-1f0f9b0c2a11',
      placedAt: new Date().toISOString(),
      lines: [{ sku: 'ABC-1', quantity: 2 }],
    },
    headers: { correlationId: orderId },
  });
}
export const shipping = new ShippingConsumer(createInMemoryReceiver(broker, { groupId: 'shipping' }), {
  async onOrderPlaced({ payload, key, headers }) {
    const quantity: number = payload.lines[0]?.quantity ?? 0;
    const id: string = key;
    const correlation: string = headers.correlationId;
    void [quantity, id, correlation];
  },
});
`;

describe('evc init', () => {
  it('writes a registry that lints clean and generates code that compiles under strict', async () => {
    const project = scratch();
    const init = await evc(['init', 'my-registry'], project);
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toContain('created my-registry/contracts/orders/asyncapi.yaml');
    expect(init.out).toContain('cd my-registry\n');
    const root = path.join(project, 'my-registry');

    const lint = await evc(['lint'], root);
    expect([lint.code, lint.out, lint.err]).toEqual([
      0,
      '',
      'contracts: 2 service(s), 1 topic(s), 1 message(s): 0 errors, 0 warnings\n',
    ]);
    const generate = await evc(['generate'], root);
    expect(generate.code).toBe(0);
    writeFileSync(path.join(root, 'app.ts'), APP);
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    const roots = [
      path.join(root, 'app.ts'),
      ...readdirSync(path.join(root, 'generated'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(root, 'generated', file)),
    ];
    expect(typeCheck(roots).errors).toEqual([]);
    const types = readFileSync(path.join(root, 'generated/types.ts'), 'utf8');
    expect(types).toMatch(/export type OrderPlacedKey = string;/);
    expect(types).toContain('correlationId');
  }, 120_000);

  it('explains every file in comments', () => {
    for (const [file, text] of Object.entries(STARTER_CONTRACTS)) {
      const comments = text.split('\n').filter((line) => line.trimStart().startsWith('#'));
      expect(comments.length, file).toBeGreaterThanOrEqual(3);
      expect(text.startsWith('#'), `${file} starts with what it is`).toBe(true);
    }
  });

  it('refuses to overwrite anything, with exit 2 and what to do', async () => {
    const project = scratch();
    mkdirSync(path.join(project, 'contracts/orders'), { recursive: true });
    writeFileSync(path.join(project, 'contracts/orders/asyncapi.yaml'), 'mine\n');
    const refused = await evc(['init'], project);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'evc init: contracts/orders/asyncapi.yaml already exists in .; evc init never overwrites: run it in an ' +
        'empty folder (evc init my-registry), or move those files away first\n',
    );
    expect(readFileSync(path.join(project, 'contracts/orders/asyncapi.yaml'), 'utf8')).toBe('mine\n');
    expect(readdirSync(path.join(project, 'contracts'))).toEqual(['orders']); // nothing else written either

    const other = scratch();
    mkdirSync(path.join(other, 'contracts'));
    writeFileSync(path.join(other, 'contracts/billing.yaml'), 'mine\n');
    const busy = await evc(['init'], other);
    expect(busy.code).toBe(2);
    expect(busy.err).toContain('contracts/ already exists');
    expect(readdirSync(path.join(other, 'contracts'))).toEqual(['billing.yaml']);
  });
});
