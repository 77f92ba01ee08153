using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Package;

[TestClass]
public sealed class PackageLayoutTests
{
    private static string PackagePath => Path.Combine(PackageFeed.Directory, $"Wandb.Sdk.{PackageFeed.Version}.nupkg");

    private static IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static XDocument PackedXml(string entry)
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new AssertFailedException($"{entry} is not in the package.");
        return XDocument.Load(stream);
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
        CollectionAssert.Contains(entries.ToList(), "build/Wandb.Gate.targets");
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

    [TestMethod]
    public void The_packed_slot_targets_hold_one_start_and_one_finish_target_for_each_slot_the_template_describes()
    {
        var template = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Sdk", "Packaging", "Wandb.Build.Slots.template.targets"));
        var count = int.Parse(template.Descendants("_WandbSlotCount").Single().Value, CultureInfo.InvariantCulture);
        var packed = PackedXml("build/Wandb.Build.Slots.targets");
        var slots = Enumerable.Range(0, count).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();

        Assert.AreEqual(10, count, "docs/msbuild.md and WANDB031 in docs/warnings.md promise 10 tracked targets");
        var expected = template.Root!.Elements("Target").Select(t => t.Attribute("Name")!.Value)
            .SelectMany(name => name.Contains("__N__") ? slots.Select(n => name.Replace("__N__", n)) : new[] { name });
        var targets = packed.Root!.Elements("Target").ToDictionary(t => t.Attribute("Name")!.Value);
        CollectionAssert.AreEquivalent(expected.ToList(), targets.Keys.ToList());
        CollectionAssert.AreEqual(
            slots.Select(n => $"_WandbSlot{n}").ToList(),
            packed.Root.Elements("PropertyGroup").Elements().Select(p => p.Name.LocalName).Where(p => p.StartsWith("_WandbSlot", StringComparison.Ordinal) && p != "_WandbSlotCount").ToList());
        foreach (var n in slots)
        {
            var start = targets["_WandbStartRun" + n];
            var finish = targets["_WandbFinishRun" + n];
            Assert.AreEqual($"$(_WandbSlot{n})", start.Attribute("BeforeTargets")!.Value);
            Assert.AreEqual($"$(_WandbSlot{n})", finish.Attribute("AfterTargets")!.Value);
            Assert.AreEqual($"_WandbRunId{n}", start.Descendants("Output").First().Attribute("PropertyName")!.Value, "each slot keeps its own run id");
            Assert.AreEqual($"$(_WandbRunId{n})", finish.Element("WandbFinishRun")!.Attribute("RunId")!.Value);
        }

        var placeholders = packed.Root.Descendants()
            .SelectMany(e => e.Attributes().Select(a => a.Value).Concat(e.Nodes().OfType<XText>().Select(t => t.Value)).Append(e.Name.LocalName))
            .Where(value => value.Contains("__N__"))
            .ToList();
        Assert.HasCount(0, placeholders, "left in the packed targets: " + string.Join(", ", placeholders));
    }
}
