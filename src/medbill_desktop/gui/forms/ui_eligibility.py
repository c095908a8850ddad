# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'eligibility.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_EligibilityDialog(object):
    def setupUi(self, EligibilityDialog):
        if not EligibilityDialog.objectName():
            EligibilityDialog.setObjectName(u"EligibilityDialog")
        EligibilityDialog.resize(720, 420)
        self.mainLayout = QVBoxLayout(EligibilityDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(EligibilityDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.coverageLabel = QLabel(EligibilityDialog)
        self.coverageLabel.setObjectName(u"coverageLabel")
        self.coverageLabel.setText(u"")
        self.coverageLabel.setWordWrap(True)
        self.coverageLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.coverageLabel)

        self.errorLabel = QLabel(EligibilityDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.checkGroup = QGroupBox(EligibilityDialog)
        self.checkGroup.setObjectName(u"checkGroup")
        self.checkGrid = QGridLayout(self.checkGroup)
        self.checkGrid.setObjectName(u"checkGrid")
        self.checkGrid.setHorizontalSpacing(10)
        self.checkGrid.setVerticalSpacing(8)
        self.checkedOnLabel = QLabel(self.checkGroup)
        self.checkedOnLabel.setObjectName(u"checkedOnLabel")

        self.checkGrid.addWidget(self.checkedOnLabel, 0, 0, 1, 1)

        self.checkedOnEdit = QLineEdit(self.checkGroup)
        self.checkedOnEdit.setObjectName(u"checkedOnEdit")

        self.checkGrid.addWidget(self.checkedOnEdit, 0, 1, 1, 1)

        self.methodLabel = QLabel(self.checkGroup)
        self.methodLabel.setObjectName(u"methodLabel")

        self.checkGrid.addWidget(self.methodLabel, 0, 2, 1, 1)

        self.methodCombo = QComboBox(self.checkGroup)
        self.methodCombo.setObjectName(u"methodCombo")

        self.checkGrid.addWidget(self.methodCombo, 0, 3, 1, 1)

        self.activeCheck = QCheckBox(self.checkGroup)
        self.activeCheck.setObjectName(u"activeCheck")
        self.activeCheck.setChecked(True)

        self.checkGrid.addWidget(self.activeCheck, 1, 1, 1, 3)

        self.copayLabel = QLabel(self.checkGroup)
        self.copayLabel.setObjectName(u"copayLabel")

        self.checkGrid.addWidget(self.copayLabel, 2, 0, 1, 1)

        self.copayEdit = QLineEdit(self.checkGroup)
        self.copayEdit.setObjectName(u"copayEdit")

        self.checkGrid.addWidget(self.copayEdit, 2, 1, 1, 1)

        self.deductibleLabel = QLabel(self.checkGroup)
        self.deductibleLabel.setObjectName(u"deductibleLabel")

        self.checkGrid.addWidget(self.deductibleLabel, 2, 2, 1, 1)

        self.deductibleEdit = QLineEdit(self.checkGroup)
        self.deductibleEdit.setObjectName(u"deductibleEdit")

        self.checkGrid.addWidget(self.deductibleEdit, 2, 3, 1, 1)

        self.oopLabel = QLabel(self.checkGroup)
        self.oopLabel.setObjectName(u"oopLabel")

        self.checkGrid.addWidget(self.oopLabel, 3, 0, 1, 1)

        self.oopEdit = QLineEdit(self.checkGroup)
        self.oopEdit.setObjectName(u"oopEdit")

        self.checkGrid.addWidget(self.oopEdit, 3, 1, 1, 1)

        self.referenceLabel = QLabel(self.checkGroup)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.checkGrid.addWidget(self.referenceLabel, 3, 2, 1, 1)

        self.referenceEdit = QLineEdit(self.checkGroup)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setMaxLength(50)

        self.checkGrid.addWidget(self.referenceEdit, 3, 3, 1, 1)

        self.noteLabel = QLabel(self.checkGroup)
        self.noteLabel.setObjectName(u"noteLabel")

        self.checkGrid.addWidget(self.noteLabel, 4, 0, 1, 1)

        self.noteEdit = QPlainTextEdit(self.checkGroup)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 90))

        self.checkGrid.addWidget(self.noteEdit, 4, 1, 1, 3)

        self.checkGrid.setColumnStretch(1, 1)
        self.checkGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.checkGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(EligibilityDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.checkedOnLabel.setBuddy(self.checkedOnEdit)
        self.methodLabel.setBuddy(self.methodCombo)
        self.copayLabel.setBuddy(self.copayEdit)
        self.deductibleLabel.setBuddy(self.deductibleEdit)
        self.oopLabel.setBuddy(self.oopEdit)
        self.referenceLabel.setBuddy(self.referenceEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.checkedOnEdit, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.activeCheck)
        QWidget.setTabOrder(self.activeCheck, self.copayEdit)
        QWidget.setTabOrder(self.copayEdit, self.deductibleEdit)
        QWidget.setTabOrder(self.deductibleEdit, self.oopEdit)
        QWidget.setTabOrder(self.oopEdit, self.referenceEdit)
        QWidget.setTabOrder(self.referenceEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.buttons)

        self.retranslateUi(EligibilityDialog)

        QMetaObject.connectSlotsByName(EligibilityDialog)
    # setupUi

    def retranslateUi(self, EligibilityDialog):
        EligibilityDialog.setWindowTitle(QCoreApplication.translate("EligibilityDialog", u"Eligibility check", None))
        self.titleLabel.setText(QCoreApplication.translate("EligibilityDialog", u"Eligibility check", None))
        self.checkGroup.setTitle(QCoreApplication.translate("EligibilityDialog", u"What the payer said", None))
        self.checkedOnLabel.setText(QCoreApplication.translate("EligibilityDialog", u"Checked &on", None))
        self.methodLabel.setText(QCoreApplication.translate("EligibilityDialog", u"&How", None))
        self.activeCheck.setText(QCoreApplication.translate("EligibilityDialog", u"The coverage is &active", None))
        self.copayLabel.setText(QCoreApplication.translate("EligibilityDialog", u"&Copay", None))
        self.copayEdit.setPlaceholderText(QCoreApplication.translate("EligibilityDialog", u"as the payer said", None))
        self.deductibleLabel.setText(QCoreApplication.translate("EligibilityDialog", u"&Deductible remaining", None))
        self.deductibleEdit.setPlaceholderText(QCoreApplication.translate("EligibilityDialog", u"leave empty if not given", None))
        self.oopLabel.setText(QCoreApplication.translate("EligibilityDialog", u"Out-of-&pocket remaining", None))
        self.oopEdit.setPlaceholderText(QCoreApplication.translate("EligibilityDialog", u"leave empty if not given", None))
        self.referenceLabel.setText(QCoreApplication.translate("EligibilityDialog", u"&Reference number", None))
        self.referenceEdit.setPlaceholderText(QCoreApplication.translate("EligibilityDialog", u"call or transaction reference", None))
        self.noteLabel.setText(QCoreApplication.translate("EligibilityDialog", u"&Note", None))
    # retranslateUi

