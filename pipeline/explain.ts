export async function explainScore(_out: string, _staffId: string, _month: string): Promise<string[]> {
  throw new Error("explain: not built yet");
}
