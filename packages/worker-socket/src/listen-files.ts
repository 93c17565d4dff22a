// The Listen lines that are files or queues rather than sockets: how each is opened, and what
// RemoveOnStop= removes (systemd.socket(5)).
//
// - ListenFIFO=: the FIFO is made (SocketMode=) and opened read-write; PipeSize= then sets its
//   buffer, and a size the kernel refuses (above /proc/sys/fs/pipe-max-size without
//   CAP_SYS_RESOURCE) is a warning, the FIFO keeping its default, as systemd goes on.
// - ListenSpecial=: the file must exist; it is opened read-only, or read-write with Writable=.
//   Nothing is created, chowned or removed: the file is the kernel's.
// - ListenMessageQueue=: the queue is opened, created with SocketMode= and, when both are set,
//   MessageQueueMaxMessages=/MessageQueueMessageSize=. Limits above the kernel's
//   (/proc/sys/fs/mqueue/msg_max, msgsize_max) need CAP_SYS_RESOURCE: the EINVAL says so.
//   RemoveOnStop= unlinks the queue, as it unlinks socket paths and FIFOs.
import { isErrno } from '@sysmaster/sys';
import type { SocketConfig } from './config';
import { isFileNode, type ListenAddress } from './listen-address';
import type { SocketOs } from './os';

/** Opens a FIFO, special file or message queue Listen line; throws a SysError (a warning for what is not fatal). */
export function openFile(os: SocketOs, l: ListenAddress, config: SocketConfig, warn: (message: string) => void): number {
  if (l.family === 'special') return os.openSpecial(l.address, config.writable);
  if (l.family === 'mqueue') {
    try {
      return os.openMessageQueue(l.address, config.socketMode, config.messageQueue);
    } catch (error) {
      if (isErrno(error, 'EINVAL') && config.messageQueue.maxMessages > 0 && config.messageQueue.messageSize > 0) {
        (error as Error).message += ' (MessageQueueMaxMessages=/MessageQueueMessageSize= above /proc/sys/fs/mqueue/msg_max or msgsize_max need CAP_SYS_RESOURCE)';
      }
      throw error;
    }
  }
  if (l.family !== 'fifo') throw new Error(`${l.display} is not a file Listen line`);
  const fd = os.mkfifo(l.address, config.socketMode);
  if (config.pipeSize > 0) {
    try {
      os.setPipeSize(fd, config.pipeSize);
    } catch (error) {
      warn(`the kernel refused PipeSize=${config.pipeSize} (${(error as Error).message}); the FIFO keeps its default size`);
    }
  }
  return fd;
}

/** Removes what RemoveOnStop= removes for `l`: a unix socket path, a FIFO, a message queue. */
export function removeNode(os: SocketOs, l: ListenAddress): void {
  if (isFileNode(l)) os.unlink(l.address);
  else if (l.family === 'mqueue') os.unlinkMessageQueue(l.address);
}
