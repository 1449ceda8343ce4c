using HyperSearch.Client;

return await HyperSearchCli.RunAsync(args, Console.Out, Console.Error);
