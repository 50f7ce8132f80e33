System.Console.WriteLine("bhrpc demo: coming with the server and client");
