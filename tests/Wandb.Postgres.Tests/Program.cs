using Wandb.Postgres.Tests.Infrastructure;

namespace Wandb.Postgres.Tests;

/// <summary>Entry point used when the tests start this assembly as a writer process; vstest never calls it.</summary>
public static class Program
{
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == WriterProcess.Verb ? WriterProcess.Run(args.Skip(1).ToArray()) : 2;
}
