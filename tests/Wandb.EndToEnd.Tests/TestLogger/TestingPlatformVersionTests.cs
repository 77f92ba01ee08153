using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

[TestClass]
public sealed class TestingPlatformVersionTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_project_on_the_testing_platform_1_still_builds_and_passes_through_the_VSTest_target_with_warning_WANDB058()
    {
        // NUnit3TestAdapter 5.2.0's runner is on Microsoft.Testing.Platform 1.9.0, the last that dotnet test on the .NET 10 SDK
        // runs through the VSTest target (TestingPlatformDotnetTestSupport); the reporter is compiled against 2.x.
        using var workspace = TestWorkspace.Create("mtp1-bridge");
        workspace.WriteProject(
            "Models.NUnit",
            outputType: "Exe",
            extraProperties: "<EnableNUnitRunner>true</EnableNUnitRunner><TestingPlatformDotnetTestSupport>true</TestingPlatformDotnetTestSupport>",
            extraItems: """
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
                """);
        workspace.WriteFile("Models.NUnit/TrainTests.cs", """
            using NUnit.Framework;
            namespace Models.NUnit;
            public class TrainTests
            {
                [Test]
                public void Train() => Assert.That(2 + 2, Is.EqualTo(4));
            }
            """);

        var result = workspace.DotNet("test Models.NUnit", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(6));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "warning WANDB058: This test project runs on Microsoft.Testing.Platform 1.9.0", result.ToString());
        StringAssert.Contains(result.StandardOutput, "Passed: 1");
        Assert.IsFalse(result.StandardOutput.Contains("CS1705", StringComparison.Ordinal), "the reporter built for 2.x is not compiled in: " + result);
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void A_project_on_an_older_testing_platform_2_compiles_with_the_reporter_and_records_its_tests()
    {
        // A project on Microsoft.Testing.Platform 2.3.3, older than the platform the package's tests use: a reporter compiled
        // against a newer platform failed such projects' build with CS1705 (seen on nunit-csharp-samples, whose
        // NUnit3TestAdapter 6.2.0 resolved the platform to 2.3.3). The adapter asks only for 2.1.0 or later, so which
        // version it gets depends on what the feed serves (2.1.0, which is too old for the reporter, since 2026-12-04):
        // the platform is pinned to 2.3.3.
        using var workspace = TestWorkspace.Create("mtp2-older");
        workspace.WriteProject(
            "Models.NUnit",
            outputType: "Exe",
            extraProperties: "<EnableNUnitRunner>true</EnableNUnitRunner>",
            extraItems: """
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="6.2.0" />
                <PackageReference Include="Microsoft.Testing.Platform" Version="2.3.3" />
                <PackageReference Include="Microsoft.Testing.Platform.MSBuild" Version="2.3.3" />
                """);
        workspace.WriteFile("Models.NUnit/TrainTests.cs", """
            using NUnit.Framework;
            namespace Models.NUnit;
            public class TrainTests
            {
                [TestCase(1)]
                [TestCase(2)]
                public void Train(int fold) => Assert.That(fold, Is.GreaterThan(0));
            }
            """);

        var build = workspace.DotNet("build Models.NUnit", timeout: TimeSpan.FromMinutes(6));
        Assert.AreEqual(0, build.ExitCode, build.ToString());
        Assert.IsFalse(build.StandardOutput.Contains("WANDB058", StringComparison.Ordinal), "2.3.3 is new enough for the reporter: " + build);

        var app = Path.Combine(workspace.Root, "Models.NUnit", "bin", "Debug", "net10.0", "Models.NUnit");
        var result = ProcessRunner.Run(app, "--report-wandb project=models;group=nunit-mtp", workspace.Root, workspace.StoreEnvironment(), TimeSpan.FromMinutes(6));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "wandb: group nunit-mtp: 2 runs (2 passed, 0 failed)", result.ToString());
        var runs = RecordedRun.ReadAll(new StoreFiles(workspace.StoreDirectory));
        Assert.HasCount(2, runs);
        Assert.IsTrue(runs.All(r => r.Group == "nunit-mtp"));
    }
}
