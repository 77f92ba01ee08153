// Each test drives real dotnet processes that already use both cores; two at a time keeps the suite fast
// without starving the builds.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.MethodLevel)]
