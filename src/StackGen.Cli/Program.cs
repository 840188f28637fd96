using StackGen.Cli;
using StackGen.Stacks;

return StackGenCli.Run(args, Organisation.Catalog, Console.Out, Console.Error, Directory.GetCurrentDirectory());
