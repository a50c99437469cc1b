// A deliberately careless JNI library, for the positive controls of the
// -Xcheck:jni reports the JVM tests fail on (tests/android/CMakeLists.txt):
// if the JVM did not report these, a clean run of the real tests would
// prove nothing.
#include <jni.h>

extern "C" {

// Creates `count` local references and never deletes them.
JNIEXPORT void JNICALL
Java_io_telegate_testing_JniCheckProbe_leakLocalReferences(JNIEnv* env, jclass,
                                                           jint count) {
  for (jint i = 0; i < count; ++i) env->NewStringUTF("leaked");
}

// Calls `thrower.run()` (which throws), then another JNI function without
// checking for the exception first; then clears it.
JNIEXPORT void JNICALL Java_io_telegate_testing_JniCheckProbe_ignoreAnException(
    JNIEnv* env, jclass, jobject thrower) {
  jclass runnable = env->FindClass("java/lang/Runnable");
  jmethodID run = env->GetMethodID(runnable, "run", "()V");
  env->CallVoidMethod(thrower, run);
  env->GetObjectClass(thrower);  // with the exception pending: not allowed
  env->ExceptionClear();
}

}  // extern "C"
