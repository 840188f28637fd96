using StackGen.Bench.Compare;

return ObjectComparison.Run(args, Console.Out);
