using System.IO.Compression;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Package;

[TestClass]
public sealed class PackageLayoutTests
{
    private static IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(PackageFeed.Directory, $"Wandb.Sdk.{PackageFeed.Version}.nupkg"));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [TestMethod]
    public void The_one_package_carries_the_api_the_build_integration_the_tasks_and_the_logger()
    {
        var entries = Entries();

        CollectionAssert.Contains(entries.ToList(), "lib/netstandard2.0/Wandb.Sdk.dll");
        CollectionAssert.Contains(entries.ToList(), "build/Wandb.Sdk.props");
        CollectionAssert.Contains(entries.ToList(), "build/Wandb.Sdk.targets");
        CollectionAssert.Contains(entries.ToList(), "tasks/netstandard2.0/Wandb.Build.Tasks.dll");
        CollectionAssert.Contains(entries.ToList(), "tasks/netstandard2.0/Wandb.Sdk.dll");
        CollectionAssert.Contains(entries.ToList(), "tasks/netstandard2.0/Npgsql.dll");
        CollectionAssert.Contains(entries.ToList(), "tasks/netstandard2.0/Google.Protobuf.dll");
        CollectionAssert.Contains(entries.ToList(), "build/Wandb.Export.targets");
        CollectionAssert.Contains(entries.ToList(), "logger/netstandard2.0/Wandb.TestLogger.dll");
    }

    [TestMethod]
    public void The_package_depends_on_the_protobuf_runtime_but_not_on_the_protobuf_compiler()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(PackageFeed.Directory, $"Wandb.Sdk.{PackageFeed.Version}.nupkg"));
        using var reader = new StreamReader(zip.GetEntry("Wandb.Sdk.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();

        StringAssert.Contains(nuspec, "id=\"Google.Protobuf\"");
        Assert.IsFalse(nuspec.Contains("Grpc.Tools", StringComparison.Ordinal), "Grpc.Tools compiles the .proto at build time only");
    }

    [TestMethod]
    public void The_package_ships_no_MSBuild_test_platform_or_ML_NET_assemblies()
    {
        var shipped = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();

        var forbidden = shipped.Where(e =>
        {
            var name = Path.GetFileName(e);
            return name.StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.TestPlatform", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.VisualStudio.TestPlatform", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.Testing.Platform", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase);
        }).ToList();

        Assert.AreEqual(0, forbidden.Count, "shipped: " + string.Join(", ", forbidden));
    }
}
