namespace Wandb.Gates;

/// <summary>
/// What the quality gate of one test process found (<see cref="TestRunGate"/>): the line saying what it compared with
/// and its verdicts with their messages, or, with <paramref name="ErrorCode"/>, the error that stopped it as the headline.
/// </summary>
internal sealed record TestRunVerdicts(string Headline, IReadOnlyList<(GateVerdict Verdict, string Message)> Verdicts, string? ErrorCode = null);
