namespace Wandb.Gates;

/// <summary>The baseline a gate used (or why there was none) and its verdicts.</summary>
internal sealed record GateOutcome(BaselineResolution Baseline, IReadOnlyList<GateResult> Results);
