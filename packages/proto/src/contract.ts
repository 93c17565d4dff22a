// The contract's revision and the image clock, which every process states in its liveness
// answer (DescribeResponse, KeepaliveResponse, InitStatus), so that processes built from
// different contracts refuse to work together instead of misreading each other's messages,
// and so that a re-executed process (same pid, new code) can be told from the old image.

/**
 * The revision of protos/sysmaster/v1 this build speaks. Raise it with any change a process
 * built from the previous revision would misread (a field whose meaning changed, a required
 * new call); adding a field that old peers may ignore does not need it.
 */
export const CONTRACT_VERSION = 1;

/** When this process image started (usec, realtime): taken when the module is first loaded. */
export const IMAGE_STARTED_USEC = Date.now() * 1000;

/**
 * Why a peer that stated `theirs` cannot work with this process, or null when it can. 0 (a peer
 * written before the field existed) is accepted: `warning` says so.
 */
export function contractMismatch(peer: string, theirs: number): { refuse: string | null; warning: string | null } {
  if (theirs === CONTRACT_VERSION) return { refuse: null, warning: null };
  if (theirs === 0) return { refuse: null, warning: `${peer} does not state its contract revision (this build speaks ${CONTRACT_VERSION}); it is used as if it spoke it` };
  return { refuse: `${peer} speaks contract revision ${theirs}, this build speaks ${CONTRACT_VERSION}: upgrade both to the same sysmaster-ts`, warning: null };
}
