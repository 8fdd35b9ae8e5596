// SLURM writes time limits as minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]; PBS and SGE want
// HH:MM:SS. One parser for both directions.

export function timeLimitSeconds(text: string): number {
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const days = Number(text.slice(0, dash));
    const [hours = 0, minutes = 0, seconds = 0] = text.slice(dash + 1).split(':').map(Number);
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
  }
  const parts = text.split(':').map(Number);
  if (parts.length === 1) return (parts[0] ?? 0) * 60;
  if (parts.length === 2) return (parts[0] ?? 0) * 60 + (parts[1] ?? 0);
  return ((parts[0] ?? 0) * 60 + (parts[1] ?? 0)) * 60 + (parts[2] ?? 0);
}

export function hoursMinutesSeconds(totalSeconds: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const hours = Math.floor(totalSeconds / 3600);
  return `${two(hours)}:${two(Math.floor((totalSeconds % 3600) / 60))}:${two(totalSeconds % 60)}`;
}
