namespace Wandb.Environment;

/// <summary>
/// How many threads the SDK's parallel reading and writing uses (the run index, the group index, batch files, the runs
/// a report assembles and writes): every core, at most 8, so a large build machine's other work keeps its cores.
/// </summary>
internal static class Parallelism
{
    public static int Degree { get; } = Math.Max(1, Math.Min(System.Environment.ProcessorCount, 8));
}
