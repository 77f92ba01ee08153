using Wandb.Environment;

namespace Wandb.Settings;

/// <summary>
/// The group precedence shared by the MSBuild tasks and the test logger: the explicit value (MSBuild
/// property, logger parameter), then <c>WANDB_RUN_GROUP</c>, then the CI pipeline run (so every job of
/// one pipeline lands in one group), then an id generated once per <c>dotnet build</c> / <c>dotnet test</c>.
/// </summary>
internal static class GroupResolver
{
    public static ResolvedGroup Resolve(string? explicitGroup, IEnvironmentVariables env, Func<string> perInvocationId)
    {
        if (!string.IsNullOrWhiteSpace(explicitGroup))
        {
            return new ResolvedGroup(explicitGroup!.Trim(), GroupSource.Explicit);
        }

        var variable = env.Get(WandbVariables.RunGroup);
        if (variable is not null)
        {
            return new ResolvedGroup(variable.Trim(), GroupSource.Environment);
        }

        var ci = CiDetector.Detect(env);
        if (ci is not null)
        {
            return new ResolvedGroup(ci.Group, GroupSource.ContinuousIntegration);
        }

        return new ResolvedGroup(perInvocationId(), GroupSource.Generated);
    }
}
