// On the 2026-07-28 protocol a server cannot send the client an elicitation request mid-call; the tool returns
// `input_required` instead and the client calls again with the human's answer. A workflow throws InputNeeded;
// the server turns it into that result.

export class InputNeeded {
  constructor(
    /** What the human is asked (shown in the client's form). */
    readonly message: string,
    /** Echoed back by the client on the next round: our signed, single-use confirmation token. */
    readonly state: string,
  ) {}
}

/** A write's confirmation on the 2026-07-28 protocol: absent answer → first round. */
export interface ConfirmRound {
  answer?: 'accept' | 'decline' | 'cancel';
  /** The requestState the client echoed back (untrusted until verified). */
  state?: string;
}
