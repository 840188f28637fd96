using StackGen.Cli;
using StackGen.Rendering;
using StackGen.Stacks;

RenderMemory.CollectOnlyBeyondBudget();
var cli = new CliContext(Organisation.Catalog, Console.Out, Console.Error, Directory.GetCurrentDirectory());
return await StackGenCli.RunAsync(args, cli, signals: true, CancellationToken.None);
