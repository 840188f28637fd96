using StackGen.Bench.SyntheticOrg;

return Cli.Run(args);
