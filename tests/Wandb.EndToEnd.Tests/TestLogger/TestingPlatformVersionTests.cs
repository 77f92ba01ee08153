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
}
