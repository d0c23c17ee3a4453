/**
 * Progress bars for long steps on an operator's terminal; silent under cron, systemd or a pipe.
 */
import cliProgress from "cli-progress";

export interface Progress {
  advance(by?: number): void;
  stop(): void;
}

const silent: Progress = { advance() {}, stop() {} };

export function startProgress(title: string, total: number, unit = "个"): Progress {
  if (!process.stderr.isTTY || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${title} [{bar}] {value}/{total} ${unit} {percentage}% 剩余 {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    advance: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
