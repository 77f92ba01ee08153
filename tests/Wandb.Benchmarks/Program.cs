using Wandb.Benchmarks.Harness;
using Wandb.Benchmarks.Reliability;

if (args.Length > 0 && args[0] == KilledWriter.Verb)
{
    // The reliability benchmark starts this executable as the training process it kills.
    return KilledWriter.Run(args.Skip(1).ToArray());
}

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0)
{
    Console.WriteLine("Usage: dotnet run -c Release --project tests/Wandb.Benchmarks -- <name>... | all");
    foreach (var benchmark in benchmarks)
    {
        Console.WriteLine($"  {benchmark.Name,-16} {benchmark.Description}");
    }

    return 0;
}

var selected = args.Contains("all") ? benchmarks : benchmarks.Where(b => args.Contains(b.Name)).ToList();
var unknown = args.Where(a => a != "all" && benchmarks.All(b => b.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Run without arguments to list them.");
    return 2;
}

var report = new BenchmarkReport(Console.Out);
foreach (var benchmark in selected)
{
    report.Line($"== {benchmark.Name}: {benchmark.Description}");
    try
    {
        benchmark.Run(report);
    }
    finally
    {
        report.DeleteTempDirectories();
    }

    report.Line(string.Empty);
}

return 0;
