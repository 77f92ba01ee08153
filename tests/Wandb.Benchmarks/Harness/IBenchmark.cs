namespace Wandb.Benchmarks.Harness;

/// <summary>One benchmark of the harness; found by reflection, so adding one is adding a class.</summary>
public interface IBenchmark
{
    /// <summary>Name used on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures and the target it checks.</summary>
    string Description { get; }

    void Run(BenchmarkReport report);
}
