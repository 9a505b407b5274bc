/**
 * Server CPU and memory, read from /proc for both servers the same way:
 * utime + stime of /proc/<pid>/stat (clock ticks), VmRSS and VmHWM (peak) of
 * /proc/<pid>/status. https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds the process has used so far (user + system). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may hold spaces: count fields after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** A /proc/<pid>/status value in MiB (VmRSS now, VmHWM the peak since start). */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) / 1024 : NaN;
}

export interface Usage {
	/** Average CPU over the window, percent of one core. */
	cpuPercent: number;
	/** Highest RSS sampled in the window (MiB). */
	rssMaxMiB: number;
	/** Peak RSS since the server started (VmHWM, MiB). */
	rssPeakMiB: number;
}

/** Samples the process from now until `stop()` is called. */
export function watchProcess(pid: number, sampleMs = 100): { stop(): Usage } {
	const startCpu = cpuSeconds(pid);
	const startTime = performance.now();
	let rssMax = memoryMiB(pid, 'VmRSS');
	const timer = setInterval(() => {
		rssMax = Math.max(rssMax, memoryMiB(pid, 'VmRSS'));
	}, sampleMs);
	return {
		stop() {
			clearInterval(timer);
			rssMax = Math.max(rssMax, memoryMiB(pid, 'VmRSS'));
			const seconds = (performance.now() - startTime) / 1000;
			const cpuPercent = ((cpuSeconds(pid) - startCpu) / seconds) * 100;
			return { cpuPercent, rssMaxMiB: rssMax, rssPeakMiB: memoryMiB(pid, 'VmHWM') };
		}
	};
}
