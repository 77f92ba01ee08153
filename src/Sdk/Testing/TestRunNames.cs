namespace Wandb.Testing;

/// <summary>Names shared by the test logger and the in-test helper, so both describe a test's run the same way.</summary>
internal static class TestRunNames
{
    /// <summary>Trait or test property that overrides the job type (default: the test method's name).</summary>
    public const string JobTypeProperty = "wandb.job_type";

    /// <summary>The method name of a fully-qualified test name (<c>Ns.Class.Method</c> gives <c>Method</c>).</summary>
    public static string MethodName(string fullyQualifiedName)
    {
        var name = fullyQualifiedName;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
