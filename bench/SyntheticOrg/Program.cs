using StackGen.Bench.SyntheticOrg;
using StackGen.Rendering;

// As the stackgen CLI starts.
RenderMemory.CollectOnlyBeyondBudget();
return Cli.Run(args);
