using System.Reflection;
using System.Runtime.CompilerServices;

namespace Wandb.MLNet.Tests.Isolation;

/// <summary>
/// MSBuild and vstest load Wandb.Sdk.dll and must never load ML.NET: only the types under Wandb.MLNet may
/// touch it. These tests run the SDK's core in a load context that records every assembly it asks for.
/// </summary>
[TestClass]
public sealed class CoreIsolationTests
{
    private static readonly string OutputDirectory = Path.GetDirectoryName(typeof(Run).Assembly.Location)!;

    [TestMethod]
    public void Recording_a_run_and_writing_reports_never_asks_for_ml_net()
    {
        using var store = new TempStore();
        var context = new RecordingLoadContext(OutputDirectory);
        try
        {
            var sdk = context.LoadFromAssemblyPath(typeof(Run).Assembly.Location);
            var optionsType = sdk.GetType("Wandb.RunOptions", throwOnError: true)!;
            var options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("Dir")!.SetValue(options, store.Root);
            optionsType.GetProperty("JobType")!.SetValue(options, "train");
            var runType = sdk.GetType("Wandb.Run", throwOnError: true)!;
            var run = runType.GetMethod("Init", new[] { optionsType })!.Invoke(null, new[] { options })!;
            runType.GetMethod("Log", new[] { typeof(string), typeof(double), typeof(long?) })!.Invoke(run, new object?[] { "loss", 0.5, null });
            runType.GetMethod("Finish", new[] { typeof(int) })!.Invoke(run, new object[] { 0 });

            var storeType = sdk.GetType("Wandb.Storage.RunStore", throwOnError: true)!;
            var opened = storeType.GetMethod("Open", new[] { typeof(string) })!.Invoke(null, new object?[] { store.Root })!;
            var reports = sdk.GetType("Wandb.Reports.ReportWriter", throwOnError: true)!;
            var writeAll = reports.GetMethods().Single(m => m.Name == "WriteAll");
            writeAll.Invoke(null, new[] { opened, null });

            Assert.IsTrue(File.Exists(Path.Combine(store.Root, "report", "runs.json")), "the reports were written");
            AssertNoMLNet(context);
        }
        finally
        {
            context.Unload();
        }
    }

    [TestMethod]
    public void Compiling_every_method_outside_the_ml_net_helpers_never_asks_for_ml_net()
    {
        var context = new RecordingLoadContext(OutputDirectory);
        try
        {
            var sdk = context.LoadFromAssemblyPath(typeof(Run).Assembly.Location);

            // Names come from the copy already loaded here, so the isolated copy loads only the types examined.
            var names = typeof(Run).Assembly.GetTypes()
                .Where(t => t.Namespace is null || !(t.Namespace == "Wandb.MLNet" || t.Namespace.StartsWith("Wandb.MLNet.", StringComparison.Ordinal)))
                .Where(t => !t.ContainsGenericParameters)
                .Select(t => t.FullName!)
                .ToList();
            Assert.IsGreaterThan(50, names.Count, "the core has many types");

            var compiled = 0;
            foreach (var name in names)
            {
                var type = sdk.GetType(name, throwOnError: true)!;
                const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() is null)
                    {
                        continue;
                    }

                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    compiled++;
                }
            }

            Assert.IsGreaterThan(200, compiled);
            AssertNoMLNet(context);
        }
        finally
        {
            context.Unload();
        }
    }

    private static void AssertNoMLNet(RecordingLoadContext context)
    {
        var mlNet = context.Requested.Where(n => n.StartsWith("Microsoft.ML", StringComparison.Ordinal)).Distinct().ToList();
        Assert.IsEmpty(mlNet, "the SDK core asked for " + string.Join(", ", mlNet));
        Assert.Contains("Newtonsoft.Json", context.Requested, "the recording sees the core's real dependencies");
    }
}
