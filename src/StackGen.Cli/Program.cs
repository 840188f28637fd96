using StackGen.Cli;
using StackGen.Rendering;
using StackGen.Stacks;

RenderMemory.CollectOnlyBeyondBudget();
return StackGenCli.Run(args, Organisation.Catalog, Console.Out, Console.Error, Directory.GetCurrentDirectory());
