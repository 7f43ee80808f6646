import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readThaiIdCard } from '@authenkit/thai-idcard';
import { createReplayTransport, parseApduScript } from '@authenkit/thai-idcard/replay';
import { describe, expect, it } from 'vitest';

const script = readFileSync(join(__dirname, '..', 'fixtures', 'sample-read.apdu'), 'utf8');

describe('committed APDU script (fixtures/sample-read.apdu)', () => {
  it('replays exactly: 7 APDUs text + 5 NHSO + 2 laser', async () => {
    expect(parseApduScript(script)).toHaveLength(14);
    const t = createReplayTransport(script);
    const data = await readThaiIdCard(t, { nhso: true, laser: true });
    t.assertDone();
    expect(data).toMatchObject({ citizenId: '1101700123456', laserCode: 'ME1120913419' });
    expect(data.nhso?.changeCount).toBe(1);
  });
  it('a read that deviates from the script fails with REPLAY_MISMATCH', async () => {
    const t = createReplayTransport(script);
    await expect(readThaiIdCard(t, { photo: true })).rejects.toMatchObject({ code: 'REPLAY_MISMATCH' });
  });
});
