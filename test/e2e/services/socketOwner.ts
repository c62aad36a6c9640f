/**
 * Which local process opened a TCP connection, from Linux's /proc: the connection's socket inode
 * is listed in /proc/net/tcp (or tcp6) by its ports, and the process holding it has a file
 * descriptor linking to `socket:[inode]`. The queue suite uses this to count, at the Huawei
 * stand-in, which n8n worker made each sign-in, project lookup and OCR call, without asking n8n.
 * It must run while the connection is open (a server's request handler is such a moment).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'fs';

/** The inode of the connection from local port `clientPort` to port `serverPort` on this host. */
function socketInode(clientPort: number, serverPort: number): string | undefined {
	const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
	const local = `:${hex(clientPort)}`;
	const remote = `:${hex(serverPort)}`;
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		if (!existsSync(table)) continue;
		for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
			// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
			const fields = line.trim().split(/\s+/);
			if (fields.length > 9 && fields[1].endsWith(local) && fields[2].endsWith(remote)) return fields[9];
		}
	}
	return undefined;
}

function holds(pid: number, link: string): boolean {
	let fds: string[];
	try {
		fds = readdirSync(`/proc/${pid}/fd`);
	} catch {
		return false; // gone
	}
	for (const fd of fds) {
		try {
			if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return true;
		} catch {
			// closed meanwhile
		}
	}
	return false;
}

/**
 * Which of `pids` holds the client end of the connection from `clientPort` to `serverPort`, or
 * undefined when none does (or the connection is already gone).
 */
export function clientProcess(clientPort: number, serverPort: number, pids: number[]): number | undefined {
	const inode = socketInode(clientPort, serverPort);
	if (!inode || inode === '0') return undefined;
	const link = `socket:[${inode}]`;
	return pids.find((pid) => holds(pid, link));
}
