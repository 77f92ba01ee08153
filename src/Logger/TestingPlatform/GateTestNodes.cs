using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.TestHost;
using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.TestingPlatform;

/// <summary>
/// The gate's failing verdicts as failed test nodes. The platform has no other way for an extension to fail a test app:
/// a failed test makes the app exit with the tests-failed code, in the executable and under <c>dotnet test</c> alike, and
/// <c>dotnet test</c> prints the failed test's message, the coded error.
/// </summary>
internal static class GateTestNodes
{
    private const string UidPrefix = "wandb-gate:";

    public static TestNodeUpdateMessage Failed(SessionUid session, GateFailure failure) => new(
        session,
        new TestNode
        {
            Uid = new TestNodeUid(UidPrefix + failure.Name),
            DisplayName = failure.Name,
            Properties = new PropertyBag(new FailedTestNodeStateProperty(failure.Message)),
        });

    /// <summary>Whether a node is one of the gate's, which must not be recorded as a test run.</summary>
    public static bool IsGateNode(TestNode node) => node.Uid.Value.StartsWith(UidPrefix, StringComparison.Ordinal);
}
