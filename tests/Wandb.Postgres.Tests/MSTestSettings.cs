// One server is shared by every test here and one test restarts it: the tests run one at a time.
[assembly: DoNotParallelize]
