using Wandb.Cli;

return await WandbCli.RunAsync(args, CliContext.FromProcess());
