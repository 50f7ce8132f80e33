using BenchmarkDotNet.Running;
using Bhrpc.MicroBench.Infrastructure;

// Usage: dotnet run -c Release --project bench/Bhrpc.MicroBench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, MicroBenchConfig.For(args));
