package io.telegate.android; final class Placeholder {}
