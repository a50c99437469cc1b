// Imports the public API as a clang module, through module.modulemap, as
// Swift's `import Telegate` does.
@import Telegate;

int main(void) { return TGTrackResultClosed == 1 ? 0 : 1; }
